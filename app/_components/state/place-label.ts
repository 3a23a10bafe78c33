import type { RouterOutputs } from "@/app/_trpc/types";

export type Place = NonNullable<RouterOutputs["state"]["place"]>;

type Named = { name: string; nameHi: string };

/** A place's name in the reader's language (Hindi names in Hindi). */
export function nameIn(place: Named, locale: string): string {
  return locale === "hi" ? place.nameHi : place.name;
}

/** What the header and the title name: the state, the district, or "block, district". */
export function placeLabel(place: Place, locale: string): string {
  if (place.block && place.district) return `${nameIn(place.block, locale)}, ${nameIn(place.district, locale)}`;
  if (place.district) return nameIn(place.district, locale);
  return nameIn(place.state, locale);
}
