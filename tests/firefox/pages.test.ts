import { pageScenarios } from '../scenarios/pages';
import { runInFirefox } from './scenarios';

runInFirefox(pageScenarios);
