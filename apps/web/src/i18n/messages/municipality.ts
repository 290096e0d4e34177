// Texts of the municipality pages; keys start with 'municipality.'.
export default {
  nl: {
  } as Record<string, string>,
  en: {
  } as Record<string, string>,
};
