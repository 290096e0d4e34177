// Texts of the provider pages; keys start with 'provider.'.
export default {
  nl: {
  } as Record<string, string>,
  en: {
  } as Record<string, string>,
};
