#include <stdio.h>
int main(void) { printf("made by make\n"); return 0; }
