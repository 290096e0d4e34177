// Texts of the treasurer pages; keys start with 'treasurer.'.
export default {
  nl: {
  } as Record<string, string>,
  en: {
  } as Record<string, string>,
};
