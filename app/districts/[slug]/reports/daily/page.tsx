// The daily report with the URL's district set (the server caller narrows to it; see proxy.ts).
export { default, generateMetadata } from "@/app/reports/daily/page";
export const dynamic = "force-dynamic";
