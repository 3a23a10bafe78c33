// The camps page with the URL's district set (the layout narrows every call to it).
export { default, generateMetadata } from "@/app/camps/page";
export const dynamic = "force-dynamic";
