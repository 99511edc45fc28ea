import { everydayScenarios } from '../scenarios/everyday';
import { runInFirefox } from './scenarios';

runInFirefox(everydayScenarios);
