/* The floor: parse a plan with json-c alone, as cipherlint's plan loader does. */
#include <json-c/json.h>
#include <stdio.h>
int main(int argc, char **argv) {
    if (argc < 2) { fprintf(stderr, "usage: jsonc_floor FILE\n"); return 2; }
    json_object *root = json_object_from_file(argv[1]);
    if (!root) { fprintf(stderr, "%s: parse failed\n", argv[1]); return 2; }
    printf("%d\n", json_object_object_length(root));
    json_object_put(root);
    return 0;
}
