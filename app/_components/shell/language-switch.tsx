"use client";

import { useMutation } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useEffect, useState, useTransition } from "react";
import { useTRPC } from "@/app/_trpc/client";
import { useErrorText } from "@/i18n/errors";
import { LOCALE_COOKIE, LOCALE_COOKIE_MAX_AGE_S, type Locale } from "@/core/format/locales";

export function writeLocaleCookie(locale: Locale) {
  document.cookie = `${LOCALE_COOKIE}=${locale}; path=/; max-age=${LOCALE_COOKIE_MAX_AGE_S}; samesite=lax`;
}

export function readLocaleCookie(): string | null {
  const match = document.cookie.match(new RegExp(`(?:^|; )${LOCALE_COOKIE}=([^;]*)`));
  return match?.[1] ?? null;
}

/** Each choice labelled in its own language, so either reader finds it. */
const CHOICES: { locale: Locale; label: string }[] = [
  { locale: "hi", label: "हिन्दी" },
  { locale: "en", label: "English" },
];

/**
 * The app-wide हिन्दी / English switch: sets the cookie (read before any session, e.g. on the sign-in page),
 * saves the choice to the signed-in user's account (users.locale), then re-renders the server components.
 * Signed out, the account save is refused (UNAUTHORIZED) and only the cookie counts.
 */
export function LanguageSwitch() {
  const active = useLocale();
  const t = useTranslations("language");
  const errorText = useErrorText();
  const router = useRouter();
  const trpc = useTRPC();
  const [refreshing, startRefresh] = useTransition();
  const [failure, setFailure] = useState<string | null>(null);
  const save = useMutation(trpc.preferences.setLocale.mutationOptions());

  // The account's saved language wins on the server; keep the cookie in step for the next sign-in page.
  useEffect(() => {
    if (readLocaleCookie() !== active) writeLocaleCookie(active);
  }, [active]);

  async function choose(locale: Locale) {
    if (locale === active) return;
    setFailure(null);
    writeLocaleCookie(locale);
    try {
      await save.mutateAsync({ locale });
    } catch (error) {
      const code = (error as { data?: { code?: string } }).data?.code;
      if (code !== "UNAUTHORIZED") setFailure(errorText(error as Error));
    }
    startRefresh(() => router.refresh());
  }

  const busy = save.isPending || refreshing;
  return (
    <span className="helpdesk-lang language-switch" role="group" aria-label={t("groupLabel")} aria-busy={busy}>
      {CHOICES.map(({ locale, label }) => (
        <button key={locale} type="button" lang={locale} aria-pressed={active === locale} disabled={busy} onClick={() => void choose(locale)}>
          {label}
        </button>
      ))}
      {failure ? (
        <span className="form-error" role="alert">
          {t("saveFailed", { message: failure })}
        </span>
      ) : null}
    </span>
  );
}
