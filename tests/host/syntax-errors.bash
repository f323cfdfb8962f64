status: 0
--- stdout
ok
after
end
--- stderr
bash: syntax error near unexpected token `fi'
bash: syntax error near unexpected token `done'
