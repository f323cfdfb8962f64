expr index hello l; expr index hello z
