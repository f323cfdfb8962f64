<?php
$users = [
    ['id' => 1, 'name' => 'Alice', 'roles' => ['admin', 'dev']],
    ['id' => 2, 'name' => 'Bob', 'roles' => ['dev']],
];
foreach ($users as ['name' => $n, 'roles' => $r]) {
    echo "$n: " . implode(", ", $r) . "\n";
}
$byId = array_column($users, null, 'id');
echo $byId[2]['name'], "\n";
$names = array_map(fn($u) => $u['name'], $users);
echo implode(" & ", $names), "\n";
$admins = array_filter($users, fn($u) => in_array('admin', $u['roles']));
echo count($admins), " admin(s)\n";
$users[0]['roles'][] = 'ops';
echo count($users[0]['roles']), "\n";
echo json_encode($users, JSON_PRETTY_PRINT), "\n";
