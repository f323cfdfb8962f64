[[ abc == abc ]] && echo eq; [[ abc == a* ]] && echo glob; [[ abc == "a*" ]] || echo quoted-literal; [[ abc != b* ]] && echo ne
