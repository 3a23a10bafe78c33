"use client";

import { useMutation } from "@tanstack/react-query";
import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useRouter, useSearchParams } from "next/navigation";
import { useState, type FormEvent } from "react";
import { useTRPC } from "@/app/_trpc/client";
import { readLocaleCookie } from "@/app/_components/shell/language-switch";
import { isLocale } from "@/core/format/locales";
import { SIGN_IN_INVALID, signInRefusal } from "@/core/contracts/sign-in";

/** The sign-in endpoint's refusal code, said in the page's language. */
function refusalText(code: string, t: ReturnType<typeof useTranslations<"signIn">>): string {
  const refusal = signInRefusal(code);
  if (refusal.kind === "invalid") return t("wrong");
  const { seconds } = refusal;
  return seconds >= 90 ? t("throttledMinutes", { minutes: String(Math.ceil(seconds / 60)) }) : t("throttledSeconds", { seconds: String(seconds) });
}

/** Only same-site paths may be returned to after sign-in (no open redirect). */
function safeReturnPath(raw: string | null): string {
  return raw && raw.startsWith("/") && !raw.startsWith("//") ? raw : "/";
}

export function SignInForm() {
  const t = useTranslations("signIn");
  const router = useRouter();
  const params = useSearchParams();
  const trpc = useTRPC();
  const saveLocale = useMutation(trpc.preferences.setLocale.mutationOptions());
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    try {
      const result = await signIn("credentials", {
        redirect: false,
        username: String(form.get("username") ?? ""),
        password: String(form.get("password") ?? ""),
      });
      if (!result || result.error) {
        setError(refusalText(result?.error ?? SIGN_IN_INVALID, t));
        return;
      }
      // The language chosen on this page carries over to the account (which otherwise decides after sign-in).
      const chosen = readLocaleCookie();
      if (isLocale(chosen)) await saveLocale.mutateAsync({ locale: chosen }).catch(() => undefined);
      router.replace(safeReturnPath(params.get("callbackUrl")));
      router.refresh();
    } catch {
      setError(t("unreachable"));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="card form" onSubmit={onSubmit} noValidate={false}>
      <label htmlFor="username">{t("username")}</label>
      <input id="username" name="username" autoComplete="username" autoCapitalize="none" required />
      <label htmlFor="password">{t("password")}</label>
      <input id="password" name="password" type="password" autoComplete="current-password" required />
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      <button type="submit" className="primary" disabled={busy}>
        {busy ? t("submitting") : t("submit")}
      </button>
    </form>
  );
}
