import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { connection } from "next/server";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getTranslations } from "next-intl/server";
import { Providers } from "@/app/_trpc/client";
import { AppHeader } from "@/app/_components/shell/app-header";
import { currentUser, pageCaller } from "@/server/api/page-guard";
import { placeLabel } from "@/app/_components/state/place-label";
// Devanagari glyphs ship with the app (no font download at build or run time); phones often lack them.
import "@fontsource/noto-sans-devanagari/400.css";
import "@fontsource/noto-sans-devanagari/700.css";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("app");
  const place = (await currentUser().catch(() => null)) ? await (await pageCaller()).state.place().catch(() => null) : null;
  return { title: place ? t("title", { place: placeLabel(place, await getLocale()) }) : t("titlePlain"), description: t("description") };
}

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page renders per request: the CSP nonce (proxy.ts) is new each time, and a page prerendered at build
  // time would carry no nonce on Next's scripts, which the CSP then blocks. Said here, not left to the cookie
  // reads below making it so by accident.
  await connection();
  const locale = await getLocale();
  const t = await getTranslations("app");
  return (
    <html lang={locale}>
      <body>
        {/* First stop for the keyboard: past the header's links straight to the page (WCAG 2.4.1). */}
        <a href="#main" className="skip-link">
          {t("skipToContent")}
        </a>
        {/* Inherits the request's locale, messages and time zone from i18n/request.ts. */}
        <NextIntlClientProvider>
          <Providers>
            <AppHeader />
            <main id="main" className="page" tabIndex={-1}>
              {children}
            </main>
          </Providers>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
