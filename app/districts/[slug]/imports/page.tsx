// The imports page with the URL's district set (the layout narrows every call to it).
export { default } from "@/app/imports/page";
export const dynamic = "force-dynamic";
