"""Small pure text helpers shared by the components: sentences, patterns (years, URLs)."""
