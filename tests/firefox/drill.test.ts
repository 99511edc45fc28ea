import { drillScenarios } from '../scenarios/drill';
import { runInFirefox } from './scenarios';

runInFirefox(drillScenarios);
