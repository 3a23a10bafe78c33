import type { Locale } from "@/core/format/locales";
import type { en } from "@/i18n/messages/en";

// Typed keys and arguments for useTranslations / getTranslations everywhere in the app.
declare module "next-intl" {
  interface AppConfig {
    Locale: Locale;
    Messages: typeof en;
  }
}
