// Types of run.mjs for e2e/chaos.spec.ts.
import type { Browser } from "@playwright/test";

export interface RoundCheck {
  seed: number;
  failures: string[];
  figures: Record<string, number | Record<string, number>>;
}

export interface ChaosSummary {
  rounds: number;
  total: Record<string, number | Record<string, number>>;
  failing: RoundCheck[];
  ok: boolean;
}

export function runChaos(options: {
  browser: Browser;
  baseUrl: string;
  seed: number;
  rounds: number;
  actions?: number;
  sabotage?: number;
  deadline?: number;
  onRound?: (check: RoundCheck) => void;
}): Promise<ChaosSummary>;

export function summarise(checked: RoundCheck[]): ChaosSummary;
export function summaryLine(summary: ChaosSummary): string;
