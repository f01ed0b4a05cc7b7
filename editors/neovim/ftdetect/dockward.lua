-- Dockerfile names Neovim may not know: Containerfile, Dockerfile.*,
-- *.Dockerfile and their lowercase and Containerfile variants.
require('dockward').detect_filetypes()
