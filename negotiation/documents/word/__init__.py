"""The Word form of the documents: the body's WordprocessingML (:mod:`.body`), the frame
made with python-docx (:mod:`.frame`) and the real footnotes python-docx cannot write
(:mod:`.notes`)."""
