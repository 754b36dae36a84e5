/**
 * Cheshire East spend by funding type, 2008/09 (004:118-145; DOMAIN.md section 5), laid out as a
 * register: a row per authority and type; contracts have outputs specified, grants do not.
 */
export const CHESHIRE_EAST_REGISTER: (string | number)[][] = [
  ["Authority", "Department", "Type", "Outputs specified", "Amount (£)"],
  ["Cheshire County Council", "Council", "Contract", "yes", 1775486.44],
  ["Cheshire County Council", "Council", "Grant", "no", 465803.5],
  ["Congleton BC", "Council", "Contract", "yes", 0],
  ["Congleton BC", "Council", "Grant", "no", 261860.0],
  ["Crewe & Nantwich BC", "Council", "Contract", "yes", 214257.0],
  ["Crewe & Nantwich BC", "Council", "Grant", "no", 76210.0],
  ["Macclesfield BC", "Council", "Contract", "yes", 75150.0],
  ["Macclesfield BC", "Council", "Grant", "no", 234720.0],
  ["Central & Eastern Cheshire PCT", "Health", "Contract", "yes", 331360.7],
  ["Central & Eastern Cheshire PCT", "Health", "Grant", "no", 765320.28],
];
