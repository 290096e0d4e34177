// Texts of the resident pages; keys start with 'resident.'.
export default {
  nl: {
  } as Record<string, string>,
  en: {
  } as Record<string, string>,
};
