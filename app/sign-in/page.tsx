import { Suspense } from "react";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { SignInForm } from "@/app/_components/shell/sign-in-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("signIn"))("metaTitle") };
}

export default async function SignInPage() {
  const t = await getTranslations("signIn");
  return (
    <section className="sign-in">
      <h1>{t("title")}</h1>
      <p className="muted">{t("intro")}</p>
      <Suspense>
        <SignInForm />
      </Suspense>
    </section>
  );
}
