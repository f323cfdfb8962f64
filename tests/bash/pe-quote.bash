status: 0
--- stdout
'it'\''s here'
'plain'
--- stderr
