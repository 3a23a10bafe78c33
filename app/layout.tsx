import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { Providers } from "@/app/_trpc/client";
import { AppHeader } from "@/app/_components/app-header";
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
