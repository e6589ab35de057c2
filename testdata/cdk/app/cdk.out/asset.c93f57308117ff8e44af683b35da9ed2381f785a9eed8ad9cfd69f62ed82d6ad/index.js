'use strict';
console.log('worker');
