'use strict';
exports.handler = async () => ({ statusCode: 200, body: process.env.TABLE_NAME });
