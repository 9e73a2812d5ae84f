"""Import plans from documents (.docx, .txt, .md): read each into blocks, find its plans, recognise their parts,
and write plan files that the same checks as every plan then check (`python -m pairing import`)."""
