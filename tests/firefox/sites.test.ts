import { siteScenarios } from '../scenarios/sites';
import { runInFirefox } from './scenarios';

runInFirefox(siteScenarios);
