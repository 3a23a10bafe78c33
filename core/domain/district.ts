/** Bhagalpur district: its 16 rural blocks plus the city, which counts as one more unit. */
export const DISTRICT = { name: "Bhagalpur", nameHi: "भागलपुर" } as const;

export const BLOCKS = [
  { name: "Bihpur", nameHi: "बिहपुर" },
  { name: "Gopalpur", nameHi: "गोपालपुर" },
  { name: "Goradih", nameHi: "गोराडीह" },
  { name: "Ismailpur", nameHi: "इस्माइलपुर" },
  { name: "Jagdishpur", nameHi: "जगदीशपुर" },
  { name: "Kahalgaon", nameHi: "कहलगांव" },
  { name: "Kharik", nameHi: "खरीक" },
  { name: "Narayanpur", nameHi: "नारायणपुर" },
  { name: "Nathnagar", nameHi: "नाथनगर" },
  { name: "Naugachhia", nameHi: "नवगछिया" },
  { name: "Pirpainti", nameHi: "पीरपैंती" },
  { name: "Rangra Chowk", nameHi: "रंगरा चौक" },
  { name: "Sabour", nameHi: "सबौर" },
  { name: "Sanhaula", nameHi: "सन्हौला" },
  { name: "Shahkund", nameHi: "शाहकुंड" },
  { name: "Sultanganj", nameHi: "सुल्तानगंज" },
] as const;

export const URBAN_UNIT = { name: "Bhagalpur Urban", nameHi: "भागलपुर शहरी" } as const;
