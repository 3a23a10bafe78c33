import { Suspense } from "react";
import { SignInForm } from "@/app/_components/sign-in-form";

export const metadata = { title: "Sign in — Teeka Monitor" };

export default function SignInPage() {
  return (
    <section className="sign-in">
      <h1>Sign in</h1>
      <p className="muted">District and block staff of Bhagalpur. Your account shows the backlog you are responsible for.</p>
      <Suspense>
        <SignInForm />
      </Suspense>
    </section>
  );
}
