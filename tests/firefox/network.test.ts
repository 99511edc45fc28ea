import { networkScenarios } from '../scenarios/network';
import { runInFirefox } from './scenarios';

runInFirefox(networkScenarios);
