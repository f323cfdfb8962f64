echo ${u:?custom message}; echo after
