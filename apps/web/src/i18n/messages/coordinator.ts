// Texts of the coordinator pages; keys start with 'coordinator.'.
export default {
  nl: {
  } as Record<string, string>,
  en: {
  } as Record<string, string>,
};
