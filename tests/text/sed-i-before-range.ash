status: 1
--- stdout
--- stderr
sed: command 'i' uses only one address
