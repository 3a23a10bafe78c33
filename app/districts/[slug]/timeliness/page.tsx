// The timeliness page with the URL's district set (the layout narrows every call to it).
export { default } from "@/app/timeliness/page";
export const dynamic = "force-dynamic";
