echo ' a  b ' | awk -F ' ' '{print NF, $1}'
