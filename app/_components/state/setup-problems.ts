"use client";

import { useTranslations } from "next-intl";

type Problem = { key: string; params: Record<string, string> };
type Loose = (key: string, params?: Record<string, string>) => string;

/** A set-up problem (a server error key and its parameters) in the reader's language. */
export function useProblemText(): (problem: Problem) => string {
  const t = useTranslations("errors") as unknown as Loose;
  return (problem) => t(`server.${problem.key}`, problem.params);
}
