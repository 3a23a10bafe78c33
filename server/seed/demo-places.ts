/**
 * The places of the demo: the state of Bihar (its 38 districts come from the shipped reference list) and the two
 * districts the demo sets up, Bhagalpur (the June 2021 story: its 16 rural blocks plus the city, counted as one
 * more unit) and Banka (its 11 blocks). Demo data only: a real installation loads its districts from CSV files
 * (npm run create-district). The aliases are spellings registers and the portal really use: old gazetteer and
 * railway names, the portal's location master, the Hindi names printed on registers, common misspellings.
 */
import "server-only";
import type { BlockSetup } from "@/server/services/setup/district-setup";

export const DEMO_STATE = "Bihar";

export type DemoDistrict = { name: string; nameHi: string; blocks: readonly BlockSetup[] };

export const BHAGALPUR: DemoDistrict = {
  name: "Bhagalpur",
  nameHi: "भागलपुर",
  blocks: [
    { name: "Bihpur", nameHi: "बिहपुर", aliases: ["Bihupur", "Bihapur"] },
    { name: "Gopalpur", nameHi: "गोपालपुर" },
    { name: "Goradih", nameHi: "गोराडीह", aliases: ["Goradeeh", "Gouradih", "Goradhi"] },
    { name: "Ismailpur", nameHi: "इस्माइलपुर", aliases: ["Esmailpur", "Ismailpure", "Ismailpore"] },
    { name: "Jagdishpur", nameHi: "जगदीशपुर", aliases: ["Jagadishpur", "Jagdeeshpur", "Jagdispur"] },
    { name: "Kahalgaon", nameHi: "कहलगांव", aliases: ["Colgong", "Kahalgaw", "Kahalgoan", "Kahalganw", "Kehalgaon"] },
    { name: "Kharik", nameHi: "खरीक", aliases: ["Kharick", "Khareek"] },
    { name: "Narayanpur", nameHi: "नारायणपुर", aliases: ["Narainpur", "Narayanpure", "Naraynpur"] },
    { name: "Nathnagar", nameHi: "नाथनगर", aliases: ["Nathnager"] },
    { name: "Naugachhia", nameHi: "नवगछिया", aliases: ["Naugachia", "Naugachiya", "Navgachhia", "Nowgachia"] },
    { name: "Pirpainti", nameHi: "पीरपैंती", aliases: ["Pirpainty", "Pirpaiti", "Peerpainti", "Peerpainty", "Pirpenti"] },
    { name: "Rangra Chowk", nameHi: "रंगरा चौक", aliases: ["Rangra", "Rangra Chouk", "Rangra Chauk"] },
    { name: "Sabour", nameHi: "सबौर", aliases: ["Sabor", "Sabaur", "Sabore"] },
    { name: "Sanhaula", nameHi: "सन्हौला", aliases: ["Sonhaula", "Sonhoula", "Sanhoula", "Sanhola"] },
    { name: "Shahkund", nameHi: "शाहकुंड", aliases: ["Shakund", "Sahkund"] },
    { name: "Sultanganj", nameHi: "सुल्तानगंज", aliases: ["Sultangunj", "Sultanganja", "Sultangang"] },
    {
      name: "Bhagalpur Urban",
      nameHi: "भागलपुर शहरी",
      isUrban: true,
      aliases: ["Bhagalpur City", "Bhagalpur Nagar Nigam", "Bhagalpur Municipal Corporation", "BMC Bhagalpur"],
    },
  ],
};

export const BANKA: DemoDistrict = {
  name: "Banka",
  nameHi: "बांका",
  blocks: [
    { name: "Amarpur", nameHi: "अमरपुर" },
    { name: "Banka", nameHi: "बांका" },
    { name: "Barahat", nameHi: "बाराहाट" },
    { name: "Baunsi", nameHi: "बौंसी", aliases: ["Bounsi", "Bausi"] },
    { name: "Belhar", nameHi: "बेलहर" },
    { name: "Chandan", nameHi: "चांदन" },
    { name: "Dhoraiya", nameHi: "धोरैया", aliases: ["Dhoraia"] },
    { name: "Fullidumar", nameHi: "फुल्लीडुमर", aliases: ["Phullidumar"] },
    { name: "Katoria", nameHi: "कटोरिया" },
    { name: "Rajoun", nameHi: "रजौन", aliases: ["Rajaun"] },
    { name: "Shambhuganj", nameHi: "शंभूगंज", aliases: ["Sambhuganj"] },
  ],
};

export const DEMO_DISTRICTS: readonly DemoDistrict[] = [BHAGALPUR, BANKA];
