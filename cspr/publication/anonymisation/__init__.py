"""The anonymisation check: what in a document about to be published could identify a child or family.

`checker.check_text` and `checker.check_document` are the one interface; everything else serves them:
`engine` builds Presidio's analyzer offline (an explicit spaCy engine, UK recognisers on, ours added),
`recognisers/` holds our recognisers, `declared` the pseudonyms and names a review may publish,
`findings` the vocabulary, and `redaction/` writes redacted copies. No Django in this package.
"""

import os

# Presidio's email recogniser uses tldextract, which would fetch the public-suffix list from the internet on
# first use. Council networks block that (and a check must never leak document text anywhere): use the
# snapshot tldextract ships with. Set here, before any submodule imports presidio.
os.environ["TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS"] = ""
