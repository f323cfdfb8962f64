echo ${x!}; echo after
