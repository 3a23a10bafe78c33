import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { Providers } from "@/app/_trpc/client";
import { AppHeader } from "@/app/_components/app-header";
// Devanagari glyphs ship with the app (no font download at build or run time); phones often lack them.
import "@fontsource/noto-sans-devanagari/400.css";
import "@fontsource/noto-sans-devanagari/700.css";
import "./globals.css";

export const metadata: Metadata = {
  title: "Teeka Monitor — Bhagalpur",
  description: "Vaccination entry backlog against the 48-hour portal deadline, by block.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <Providers>
          <AppHeader />
          <main className="page">{children}</main>
        </Providers>
      </body>
    </html>
  );
}
