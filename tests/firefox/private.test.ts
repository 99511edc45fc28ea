import { privateScenarios } from '../scenarios/private';
import { runInFirefox } from './scenarios';

runInFirefox(privateScenarios);
