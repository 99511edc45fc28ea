import { sidebarScenarios } from '../scenarios/sidebar';
import { runInFirefox } from './scenarios';

runInFirefox(sidebarScenarios);
