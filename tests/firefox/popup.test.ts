import { popupScenarios } from '../scenarios/popup';
import { runInFirefox } from './scenarios';

runInFirefox(popupScenarios);
