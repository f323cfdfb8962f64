v="it's here"; echo ${v@Q}; w=plain; echo ${w@Q}
