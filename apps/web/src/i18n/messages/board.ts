// Texts of the board pages; keys start with 'board.'.
export default {
  nl: {
  } as Record<string, string>,
  en: {
  } as Record<string, string>,
};
