import { test } from 'vitest';
import type { Scenario } from '../scenarios/driver';
import { runScenario } from '../scenarios/run';
import { FirefoxKith } from './driver';

/** Registers each shared scenario as a vitest test, each in a fresh Firefox with Kith installed. */
export function runInFirefox(scenarios: Scenario[]): void {
  for (const scenario of scenarios) {
    test(scenario.name, { timeout: scenario.timeout ?? 60_000 }, async () => {
      const firefox = await FirefoxKith.launch();
      try {
        await runScenario(scenario, firefox);
      } finally {
        await firefox.close();
      }
    });
  }
}
