/**
 * Turning zod's validation issues into the one problem we report: the deepest, most
 * specific one, with a path into the document and a short message.
 */
import type { z } from 'zod';

export interface IssueReport {
  path: PropertyKey[];
  message: string;
}

type Issue = z.core.$ZodIssue;

/** Picks the most specific report for one issue (looking inside failed unions). */
export function describeIssue(issue: Issue): IssueReport {
  const path = [...issue.path];
  if (issue.code === 'unrecognized_keys') return { path: [...path, issue.keys[0]], message: 'unknown field' };
  if (issue.code === 'invalid_union' && issue.errors.length > 0) {
    // For "a number or an array of numbers", an array with one bad element fails the
    // array branch deeper than the number branch: that deeper issue is the useful one.
    let best: Issue | undefined;
    for (const branch of issue.errors) if (branch.length > 0 && (!best || branch[0].path.length > best.path.length)) best = branch[0];
    if (best && best.path.length > 0) {
      const inner = describeIssue(best);
      return { path: [...path, ...inner.path], message: inner.message };
    }
  }
  // zod's own wording for a missing field is "expected X, received undefined".
  if (/received undefined$/.test(issue.message)) return { path, message: 'missing (required)' };
  return { path, message: issue.message };
}

export function firstIssue(error: z.ZodError): IssueReport {
  return describeIssue(error.issues[0]);
}
