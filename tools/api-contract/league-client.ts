// A client of the read API as a customer's developer would write one, against the types that openapi-typescript
// generates from the served OpenAPI document (issue #31). It only has to compile: if the document typed a number
// as "number | string", or the league answer as anything vaguer than its schema, tsc refuses it.
import type { components, paths } from "./generated/cxplus";

type League = paths["/api/v1/sectors/{sector}/waves/{wave}/league"]["get"]["responses"][200]["content"]["application/json"];
type Row = components["schemas"]["LeagueRowDocument"];

export function performances(league: League): number[] {
  return league.rows.map((row: Row) => {
    const p: number = row.performance!.value;
    const low: number | null | undefined = row.performance!.low;
    const rank: number | null | undefined = row.rank;
    return p + (low ?? 0) * 0 + (rank ?? 0) * 0;
  });
}

export function average(league: League): number | null | undefined {
  return league.average;
}

export function respondents(waves: components["schemas"]["WaveDocument"][]): number {
  return waves.reduce((sum, wave) => sum + wave.qualifyingRespondents, 0);
}
