server {
	listen 443 ssl;
	server_name legacy.example.com;
	ssl_certificate /etc/ssl/legacy.pem;
	ssl_certificate_key /etc/ssl/legacy.key;
	location / {
		content_by_lua_block {
			ngx.say("hello } from lua")
		}
	}
}
