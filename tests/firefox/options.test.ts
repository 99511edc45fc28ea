import { optionsScenarios } from '../scenarios/options';
import { runInFirefox } from './scenarios';

runInFirefox(optionsScenarios);
